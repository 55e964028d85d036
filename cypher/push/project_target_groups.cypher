// Push one batch of projects' target groups: $rows = [{source, target, properties}], properties = {dataset, position}
// (position: the place in the record's list, so pull writes the list in its order).
UNWIND $rows AS row
MATCH (a:Project {dataset: $dataset, id: row.source})
USING INDEX a:Project(dataset, id)
MATCH (b:TargetGroup {dataset: $dataset, id: row.target})
USING INDEX b:TargetGroup(dataset, id)
MERGE (a)-[r:TARGETS {dataset: $dataset}]->(b)
SET r = row.properties
RETURN count(r) AS written
