// Push one batch of target groups: $rows = [{id, properties}]; properties hold every stored property
// (dataset and id included), so a re-push leaves the node exactly as pushed.
UNWIND $rows AS row
MERGE (n:TargetGroup {dataset: $dataset, id: row.id})
SET n = row.properties
RETURN count(n) AS written
