extension AccessPolicy {
    /// Decides whether a party may read a proof artifact: its uploaders may, and so may anyone who may read a finding
    /// that cites it. An artifact has no label of its own; it is as visible as the most visible finding citing it,
    /// so coordinators read it only where a citing finding's label lets them, and an artifact nobody cites is its
    /// uploaders' alone. An artifact cited under RED is RED to its uploaders as well: their reader tokens read it only
    /// where another citing finding lets them.
    ///
    /// - Parameters:
    ///   - uploaders: The organizations that uploaded the artifact.
    ///   - citingFindings: The visibility of every finding that cites it (``Finding/visibility(in:)``).
    public func readArtifact(
        uploadedBy uploaders: Set<Organization.ID>, citedBy citingFindings: [Visibility], by party: Party
    ) -> AccessDecision {
        guard let member = party.member else { return .denied(.authenticationRequired) }
        // A proof cited under RED is RED to its uploaders too: their reader tokens do not read it.
        let redToUploader = member.role == .reader && citingFindings.contains { $0.label == .red }
        if uploaders.contains(member.organizationID) && !redToUploader { return .granted(.needToKnow) }
        for visibility in citingFindings {
            let decision = read(visibility, by: party)
            if decision.isGranted { return decision }
        }
        return uploaders.contains(member.organizationID) ? .denied(.redNeedsIndividual) : .denied(.notOnNeedToKnowList)
    }
}
