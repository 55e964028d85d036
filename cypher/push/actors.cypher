// Push one batch of actors: $rows = [{id, properties}]; properties hold every stored property
// (dataset and id included), so a re-push leaves the node exactly as pushed.
UNWIND $rows AS row
MERGE (n:Actor {dataset: $dataset, id: row.id})
SET n = row.properties
RETURN count(n) AS written
