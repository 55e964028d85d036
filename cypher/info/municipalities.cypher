// The pre-study's "quantify" step: each municipality's figures and how many actors and projects are
// active in it (an actor or project with `*` has an ACTIVE_IN to every municipality).
MATCH (m:Municipality {dataset: $dataset})
RETURN m.id AS id, m.name AS name, m.seq AS seq, m.population AS population,
       m.foreign_born AS foreign_born, m.expected_arrivals AS expected_arrivals,
       size([(a:Actor)-[:ACTIVE_IN]->(m) | a]) AS actors,
       size([(p:Project)-[:ACTIVE_IN]->(m) | p]) AS projects
