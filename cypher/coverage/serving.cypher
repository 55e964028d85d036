// Coverage: the actors and projects serving each (target group, municipality) cell within the filters
// (an orientation filter keeps the records with one of those orientations).
MATCH (r:Actor|Project {dataset: $dataset})-[:TARGETS]->(t:TargetGroup)
WHERE (size($target_groups) = 0 OR t.id IN $target_groups)
  AND (size($orientations) = 0 OR any(o IN r.orientations WHERE o IN $orientations))
MATCH (r)-[:ACTIVE_IN]->(m:Municipality)
WHERE size($municipalities) = 0 OR m.id IN $municipalities
RETURN t.id AS target_group, m.id AS municipality,
       collect(CASE WHEN r:Actor THEN r.id END) AS actors,
       collect(CASE WHEN r:Project THEN r.id END) AS projects
