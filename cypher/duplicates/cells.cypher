// Duplicated efforts, step 1: the projects of every scope cell (orientation, target group, municipality)
// within the filters that holds two or more, with their periods. Python finds the maximal sets running at
// one common moment (a sweep over starts and ends) and merges the same set found in several cells.
MATCH (p:Project {dataset: $dataset})
UNWIND coalesce(p.orientations, []) AS orientation
WITH p, orientation
WHERE size($orientations) = 0 OR orientation IN $orientations
MATCH (p)-[:TARGETS]->(t:TargetGroup)
WHERE size($target_groups) = 0 OR t.id IN $target_groups
MATCH (p)-[:ACTIVE_IN]->(m:Municipality)
WHERE size($municipalities) = 0 OR m.id IN $municipalities
WITH orientation, t.id AS target_group, m.id AS municipality, collect([p.id, p.start, p.end]) AS projects
WHERE size(projects) > 1
RETURN orientation, target_group, municipality, projects
