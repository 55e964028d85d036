// Push one batch of municipalities: $rows = [{id, properties}]; properties hold every stored property
// (dataset and id included), so a re-push leaves the node exactly as pushed.
UNWIND $rows AS row
MERGE (n:Municipality {dataset: $dataset, id: row.id})
SET n = row.properties
RETURN count(n) AS written
