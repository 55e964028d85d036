// Push one batch of project partners (not the owner): $rows = [{source, target, properties}], properties = {dataset, position}
// (position: the place in the record's list, so pull writes the list in its order).
UNWIND $rows AS row
MATCH (a:Actor {dataset: $dataset, id: row.source})
USING INDEX a:Actor(dataset, id)
MATCH (b:Project {dataset: $dataset, id: row.target})
USING INDEX b:Project(dataset, id)
MERGE (a)-[r:PARTNER_IN {dataset: $dataset}]->(b)
SET r = row.properties
RETURN count(r) AS written
