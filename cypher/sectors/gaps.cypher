// Sector gaps: municipalities (within the filter) whose own public actors (active in that one municipality
// only) have no contact with any private actor active there, while there is at least one of each.
// A project of more than $star_from participants links each to its owner only (model.project_contacts).
// $public and $private are the schema's sector values.
MATCH (m:Municipality {dataset: $dataset})
WHERE size($municipalities) = 0 OR m.id IN $municipalities
MATCH (a:Actor {dataset: $dataset})-[:ACTIVE_IN]->(m)
WHERE a.sector = $public
  AND size([(a)-[:ACTIVE_IN]->(x:Municipality) | x]) = 1
  AND (size($orientations) = 0 OR any(o IN a.orientations WHERE o IN $orientations))
WITH m, collect(a) AS public
MATCH (b:Actor {dataset: $dataset})-[:ACTIVE_IN]->(m)
WHERE b.sector = $private
  AND (size($orientations) = 0 OR any(o IN b.orientations WHERE o IN $orientations))
WITH m, public, collect(b) AS private
WHERE none(a IN public WHERE any(b IN private WHERE
        EXISTS { (a)-[:COOPERATES_WITH]-(b) }
        OR EXISTS {
          MATCH (a)-[:OWNS|PARTNER_IN]->(r:Project)<-[:OWNS|PARTNER_IN]-(b)
          WHERE EXISTS { (a)-[:OWNS]->(r) } OR EXISTS { (b)-[:OWNS]->(r) }
             OR COUNT { (:Actor)-[:OWNS|PARTNER_IN]->(r) } <= $star_from
        }))
RETURN m.id AS municipality, m.name AS name, [a IN public | a.id] AS public, [b IN private | b.id] AS private
