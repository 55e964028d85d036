// push --replace, before writing the fundings: a row keeps its number (seq), so a row whose number is reused by
// the new data for other ends is deleted first ($rows as for push/fundings).
UNWIND $rows AS row
MATCH (a:Actor)-[old:FUNDS {dataset: $dataset, seq: row.seq}]->(b:Project)
USING INDEX old:FUNDS(dataset, seq)
WHERE a.id <> row.source OR b.id <> row.target
DELETE old
RETURN count(old) AS deleted
