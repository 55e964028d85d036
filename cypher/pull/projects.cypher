// Pull: every project with its stored properties, owner (with the owner's place among the partners, if it
// is listed there), partners, municipalities and target groups as [position, id] pairs.
MATCH (n:Project {dataset: $dataset})
RETURN properties(n) AS properties,
       [(o:Actor)-[r:OWNS]->(n) | [r.partner_position, o.id]] AS owners,
       [(a:Actor)-[r:PARTNER_IN]->(n) | [r.position, a.id]] AS partners,
       [(n)-[r:ACTIVE_IN]->(m:Municipality) | [r.position, m.id]] AS municipalities,
       [(n)-[r:TARGETS]->(t:TargetGroup) | [r.position, t.id]] AS target_groups
