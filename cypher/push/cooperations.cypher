// Push one batch of cooperation rows: one relationship per row of the file, keyed by seq (the row's order):
// $rows = [{source, target, seq, properties}], properties holding dataset, seq and the row's values.
UNWIND $rows AS row
MATCH (a:Actor {dataset: $dataset, id: row.source})
USING INDEX a:Actor(dataset, id)
MATCH (b:Actor {dataset: $dataset, id: row.target})
USING INDEX b:Actor(dataset, id)
MERGE (a)-[r:COOPERATES_WITH {dataset: $dataset, seq: row.seq}]->(b)
SET r = row.properties
RETURN count(r) AS written
