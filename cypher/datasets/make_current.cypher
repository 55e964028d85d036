// Make the version stored under $key the dataset's current one: one small transaction, the moment a push takes
// effect for every reader. Returns the key it replaces (null for a new dataset).
MERGE (v:StakeholdersDataset {name: $dataset})
WITH v, v.key AS previous
SET v.key = $key, v.pushed = datetime()
RETURN previous
