// What filter values may name: municipalities and target groups (id, name) and the orientations in order
// of first appearance (actors before projects; $projects_after puts every project after every actor).
MATCH (n:Municipality {dataset: $dataset})
RETURN 'municipality' AS kind, n.id AS id, n.name AS name, n.seq AS seq
UNION ALL
MATCH (n:TargetGroup {dataset: $dataset})
RETURN 'target group' AS kind, n.id AS id, n.name AS name, n.seq AS seq
UNION ALL
MATCH (n:Actor|Project {dataset: $dataset})
UNWIND coalesce(n.orientations, []) AS orientation
WITH orientation, min(CASE WHEN n:Project THEN n.seq + $projects_after ELSE n.seq END) AS seq
RETURN 'orientation' AS kind, orientation AS id, orientation AS name, seq
