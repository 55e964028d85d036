// Communication gaps: every pair of actors (once) that shares at least one (target group, municipality)
// cell within the filters and has no contact: no cooperation row either way and no project both take part
// in. An actor's cells are its target groups x its municipalities, so the shared cells are the shared
// target groups x the shared municipalities. Pairs are found through the shared municipalities first (the
// more selective facet), then checked for shared target groups. Python adds the weights, distances and
// introducers.
MATCH (a:Actor {dataset: $dataset})-[:ACTIVE_IN]->(m:Municipality)<-[:ACTIVE_IN]-(b:Actor {dataset: $dataset})
WHERE a.id < b.id
  AND (size($municipalities) = 0 OR m.id IN $municipalities)
  AND (size($orientations) = 0 OR any(o IN a.orientations WHERE o IN $orientations))
  AND (size($orientations) = 0 OR any(o IN b.orientations WHERE o IN $orientations))
WITH a, b, collect(m.id) AS municipalities
MATCH (a)-[:TARGETS]->(t:TargetGroup)<-[:TARGETS]-(b)
WHERE size($target_groups) = 0 OR t.id IN $target_groups
WITH a, b, municipalities, collect(t.id) AS target_groups
WHERE NOT EXISTS { (a)-[:COOPERATES_WITH]-(b) }
  AND NOT EXISTS { (a)-[:OWNS|PARTNER_IN]->(:Project)<-[:OWNS|PARTNER_IN]-(b) }
RETURN a.id AS a, b.id AS b, a.name AS name_a, b.name AS name_b, target_groups, municipalities
