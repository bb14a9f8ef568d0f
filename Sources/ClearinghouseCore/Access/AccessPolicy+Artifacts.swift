extension AccessPolicy {
    /// Decides whether a party may read a proof artifact: its uploaders may, and so may anyone who may see a case
    /// whose findings cite it. An artifact has no label of its own; it is as visible as the most visible reason to
    /// read it.
    ///
    /// - Parameters:
    ///   - uploaders: The organizations that uploaded the artifact.
    ///   - citingCases: The visibility of every case whose findings cite it.
    public func readArtifact(uploadedBy uploaders: Set<Organization.ID>, citedIn citingCases: [Visibility], by party: Party)
        -> AccessDecision
    {
        let own = read(Artifact.visibility(uploadedBy: uploaders), by: party)
        if own.isGranted { return own }
        for visibility in citingCases {
            let decision = read(visibility, by: party)
            if decision.isGranted { return decision }
        }
        return own
    }
}
