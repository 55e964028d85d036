// Project gaps ("no forum"): every pair of concurrent projects (periods share a day; ends inclusive, an
// empty start or end is open) sharing at least one (target group, municipality) cell within the filters,
// when no participant (owner or partner) of one is a participant of the other or in contact with one.
// A project of more than $star_from participants links each to its owner only (model.project_contacts).
// Pairs are found through the shared municipalities first, then checked for shared target groups.
MATCH (p:Project {dataset: $dataset})-[:ACTIVE_IN]->(m:Municipality)<-[:ACTIVE_IN]-(q:Project {dataset: $dataset})
WHERE p.id < q.id
  AND (size($municipalities) = 0 OR m.id IN $municipalities)
  AND (size($orientations) = 0 OR any(o IN p.orientations WHERE o IN $orientations))
  AND (size($orientations) = 0 OR any(o IN q.orientations WHERE o IN $orientations))
  AND (p.start IS NULL OR q.end IS NULL OR p.start <= q.end)
  AND (q.start IS NULL OR p.end IS NULL OR q.start <= p.end)
WITH p, q, collect(m.id) AS municipalities
MATCH (p)-[:TARGETS]->(t:TargetGroup)<-[:TARGETS]-(q)
WHERE size($target_groups) = 0 OR t.id IN $target_groups
WITH p, q, municipalities, collect(t.id) AS target_groups
WHERE NOT EXISTS {
  MATCH (x:Actor)-[:OWNS|PARTNER_IN]->(p), (y:Actor)-[:OWNS|PARTNER_IN]->(q)
  WHERE x = y
     OR EXISTS { (x)-[:COOPERATES_WITH]-(y) }
     OR EXISTS {
       MATCH (x)-[:OWNS|PARTNER_IN]->(r:Project)<-[:OWNS|PARTNER_IN]-(y)
       WHERE EXISTS { (x)-[:OWNS]->(r) } OR EXISTS { (y)-[:OWNS]->(r) }
          OR COUNT { (:Actor)-[:OWNS|PARTNER_IN]->(r) } <= $star_from
     }
}
RETURN p.id AS a, q.id AS b, p.name AS name_a, q.name AS name_b,
       p.start AS start_a, p.end AS end_a, q.start AS start_b, q.end AS end_b,
       target_groups, municipalities
