extension OSVRecord.Package {
    /// Whether a queried ecosystem and name designate this package: names compare as the ecosystem compares
    /// them, and an ecosystem asked without a suffix (`Debian`) covers every suffix (`Debian:12`).
    public func matches(ecosystem queried: String, name: String) -> Bool {
        let ecosystemMatches =
            queried.utf8.contains(UInt8(ascii: ":")) ? queried == ecosystem : queried == Ecosystem.base(of: ecosystem)
        return ecosystemMatches
            && Ecosystem.normalizedName(name, in: ecosystem) == Ecosystem.normalizedName(self.name, in: ecosystem)
    }
}

extension OSVRecord {
    /// Whether the record affects a version of a package; a withdrawn record affects nothing.
    public func affects(ecosystem: String, name: String, version: String) -> Bool {
        guard !isWithdrawn else { return false }
        return affected.contains { entry in
            guard let package = entry.package, package.matches(ecosystem: ecosystem, name: name) else { return false }
            return AffectedEvaluator(entry, ecosystem: package.ecosystem).affects(version: version)
        }
    }

    /// Whether the record affects a commit, as far as its GIT ranges' events tell.
    public func affects(commit: String) -> Bool {
        guard !isWithdrawn else { return false }
        return affected.contains { entry in
            AffectedEvaluator(entry, ecosystem: entry.package?.ecosystem ?? "GIT").affects(commit: commit)
        }
    }
}
