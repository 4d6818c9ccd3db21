import Foundation
import PackagePlugin

/// Compiles the top-level `Migrations/*.sql` into the NewsroomStore target, so a
/// `newsroom` binary copied alone to another machine can still migrate a database.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Migrations")
        let files = try FileManager.default
            .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) migrations from Migrations/",
                executable: try context.tool(named: "MigrationEmbedder").url,
                // The folder is an input too: adding a migration changes it, and the embedder
                // lists the folder itself, so a new file is picked up without re-planning.
                arguments: [output.path, folder.path],
                inputFiles: files + [folder],
                outputFiles: [output]
            )
        ]
    }
}
