// Which of the given pairs of actors ($pairs = [[id, id], ...]) are in contact: a cooperation row
// (either way) or a project both take part in (as owner or partner).
UNWIND $pairs AS pair
MATCH (a:Actor {dataset: $dataset, id: pair[0]})
USING INDEX a:Actor(dataset, id)
MATCH (b:Actor {dataset: $dataset, id: pair[1]})
USING INDEX b:Actor(dataset, id)
WITH pair, a, b
WHERE EXISTS { (a)-[:COOPERATES_WITH]-(b) }
   OR EXISTS { (a)-[:OWNS|PARTNER_IN]->(:Project)<-[:OWNS|PARTNER_IN]-(b) }
RETURN pair[0] AS a, pair[1] AS b
