// Push one batch of project owners: $rows = [{source, target, properties}], properties = {dataset} and,
// when the owner is also listed among the partners, partner_position (its place in that list).
UNWIND $rows AS row
MATCH (a:Actor {dataset: $dataset, id: row.source})
USING INDEX a:Actor(dataset, id)
MATCH (b:Project {dataset: $dataset, id: row.target})
USING INDEX b:Project(dataset, id)
MERGE (a)-[r:OWNS {dataset: $dataset}]->(b)
SET r = row.properties
RETURN count(r) AS written
