import Foundation
import Testing

/// `clearinghouse ssvc`, through the binary.
@Suite struct SSVCCommandTests {
    @Test func decidesWithCISAsCoordinatorTreeAndRefusesUnknownValues() throws {
        let act = try CommandRunner.run(["ssvc", "--table", "cisa-coordinator", "E=A", "A=Y", "TI=T", "MWI=H"])
        #expect(act.status == 0, "\(act.errors)")
        let object = try JSONSerialization.jsonObject(with: Data(act.output.utf8)) as? [String: Any]
        #expect(object?["outcome_name"] as? String == "Act" && object?["table"] as? String == "cisa:DT_CO:2.0.3")
        let deployer = try CommandRunner.run([
            "ssvc", "--table", "deployer", "Exploitation=Active", "EXP=open", "A=Y", "HI=VH",
        ])
        #expect(deployer.output.contains("\"outcome_name\":\"Immediate\""), "\(deployer.output)\(deployer.errors)")
        let bad = try CommandRunner.run(["ssvc", "--table", "cisa-coordinator", "E=Q"])
        #expect(bad.status != 0 && bad.errors.contains("`E` (Exploitation) cannot be `Q`"), "\(bad.errors)")
        let listed = try CommandRunner.run(["ssvc", "--list"])
        #expect(listed.output.contains("cisa-coordinator: CISA Coordinator 2.0.3"))
    }
}
