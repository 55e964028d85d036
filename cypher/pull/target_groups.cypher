// Pull: every target group with its stored properties and its parent (PART_OF), if any.
MATCH (n:TargetGroup {dataset: $dataset})
RETURN properties(n) AS properties, [(n)-[:PART_OF]->(p:TargetGroup) | p.id] AS parents
