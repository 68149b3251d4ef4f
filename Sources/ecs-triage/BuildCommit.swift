// scripts/release writes the commit it builds into this file and restores it
// afterwards; any other build says it does not know which commit it is.
let buildCommit: String? = nil
