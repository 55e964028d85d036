// The datasets in the database (for the message when a dataset is not found): the names of the versioned ones,
// and the keys of datasets pushed in one transaction that are no version of another ($versioned: the pattern of
// a version's key).
CALL {
  MATCH (v:StakeholdersDataset)
  RETURN v.name AS dataset
  UNION
  MATCH (n:Actor|Project|Municipality|TargetGroup)
  WHERE NOT n.dataset =~ $versioned
  RETURN DISTINCT n.dataset AS dataset
}
RETURN dataset
ORDER BY dataset
