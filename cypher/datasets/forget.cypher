// Delete the dataset's StakeholdersDataset node (after its versions are deleted).
MATCH (v:StakeholdersDataset {name: $dataset})
DELETE v
RETURN count(v) AS deleted
