// Brokers: every actor with what the filters look at (orientations, municipalities, target groups);
// with contacts/cooperations and contacts/participants this is the network the metrics are computed on.
MATCH (a:Actor {dataset: $dataset})
RETURN a.id AS id, a.name AS name, a.seq AS seq, a.orientations AS orientations,
       [(a)-[:ACTIVE_IN]->(m:Municipality) | m.id] AS municipalities,
       [(a)-[:TARGETS]->(t:TargetGroup) | t.id] AS target_groups
