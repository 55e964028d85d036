// Push one batch of target-group sizes: one relationship per row of the file, keyed by seq (the row's order):
// $rows = [{source, target, seq, properties}], properties holding dataset, seq and the row's values.
UNWIND $rows AS row
MATCH (a:TargetGroup {dataset: $dataset, id: row.source})
USING INDEX a:TargetGroup(dataset, id)
MATCH (b:Municipality {dataset: $dataset, id: row.target})
USING INDEX b:Municipality(dataset, id)
MERGE (a)-[r:SIZED_IN {dataset: $dataset, seq: row.seq}]->(b)
SET r = row.properties
RETURN count(r) AS written
