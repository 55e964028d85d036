// Push one batch of actors' municipalities: $rows = [{source, target, properties}], properties = {dataset, position}
// (position: the place in the record's list, so pull writes the list in its order).
UNWIND $rows AS row
MATCH (a:Actor {dataset: $dataset, id: row.source})
USING INDEX a:Actor(dataset, id)
MATCH (b:Municipality {dataset: $dataset, id: row.target})
USING INDEX b:Municipality(dataset, id)
MERGE (a)-[r:ACTIVE_IN {dataset: $dataset}]->(b)
SET r = row.properties
RETURN count(r) AS written
