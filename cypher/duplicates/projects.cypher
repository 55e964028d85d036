// Duplicated efforts, step 2: what the groups' projects ($ids) need for the score and the report.
MATCH (p:Project {dataset: $dataset})
USING INDEX p:Project(dataset, id)
WHERE p.id IN $ids
RETURN p.id AS id, p.name AS name, p.orientations AS orientations, p.start AS start, p.end AS end,
       p.budget AS budget,
       [(o:Actor)-[:OWNS]->(p) | o.id] AS owners,
       [(p)-[:TARGETS]->(t:TargetGroup) | t.id] AS target_groups,
       [(p)-[:ACTIVE_IN]->(m:Municipality) | m.id] AS municipalities
