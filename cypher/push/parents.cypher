// Push one batch of target-group parents: $rows = [{source, target, properties}], properties = {dataset}.
UNWIND $rows AS row
MATCH (a:TargetGroup {dataset: $dataset, id: row.source})
USING INDEX a:TargetGroup(dataset, id)
MATCH (b:TargetGroup {dataset: $dataset, id: row.target})
USING INDEX b:TargetGroup(dataset, id)
MERGE (a)-[r:PART_OF {dataset: $dataset}]->(b)
SET r = row.properties
RETURN count(r) AS written
