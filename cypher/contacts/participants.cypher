// The contact network, part 3: the participants (owner, then partners as [position, id]) of every project
// with at least one partner; every two participants of one project are in contact (more than
// model.STAR_FROM participants: each with the owner only, model.project_contacts).
MATCH (p:Project {dataset: $dataset})
WHERE EXISTS { (:Actor)-[:PARTNER_IN]->(p) }
RETURN p.id AS id, p.seq AS seq,
       [(o:Actor)-[:OWNS]->(p) | o.id] AS owners,
       [(a:Actor)-[r:PARTNER_IN]->(p) | [r.position, a.id]] AS partners
