import ECSTriage
import ECSTriageCollect
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The CLI owns all I/O: it reads inputs, calls the library, prints, exits.
// Each command is one file; this one dispatches and turns errors into exit statuses.

enum Commands {
    /// In the order help lists them.
    static let all: [any Command.Type] = [AnalyzeCommand.self, CollectCommand.self, RulesCommand.self, ExplainCommand.self]

    static func named(_ name: String) -> (any Command.Type)? {
        all.first { $0.name == name }
    }
}

func run<C: Command>(_ command: C.Type, _ arguments: [String]) throws -> Int32 {
    switch try CommandLineParser.parse(arguments, as: command) {
    case .help:
        writeOutput(HelpText.help(command))
        return ExitCode.ok
    case let .run(settings):
        return try settings.run()
    }
}

func run(_ arguments: [String]) -> Int32 {
    do {
        guard let first = arguments.first else { throw UsageError("missing command") }
        let rest = Array(arguments.dropFirst())
        if let command = Commands.named(first) { return try run(command, rest) }
        switch first {
        case "-h", "--help":
            writeOutput(HelpText.mainHelp(Commands.all))
        case "help":
            // `help <command>` is `<command> --help`; options after it are ignored, as swift-argument-parser does.
            guard let name = rest.first else {
                writeOutput(HelpText.mainHelp(Commands.all))
                return ExitCode.ok
            }
            guard let command = Commands.named(name) else { throw UsageError("unknown command '\(name)'") }
            writeOutput(HelpText.help(command))
        case "--version":
            writeOutput("\(ToolInfo.name) \(ToolInfo.version)\n")
        default:
            throw UsageError(first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'")
        }
        return ExitCode.ok
    } catch let error as UsageError {
        printError(HelpText.usageError(error))
        return ExitCode.usage
    } catch let error as InputError {
        // It quotes the input (file names, keys): an escape sequence in it must not reach the terminal.
        printError("Error: \(InertText.plain(error.message))\n")
        return ExitCode.input
    } catch let error as CollectUnavailable {
        printError("Error: \(error.message)\n")
        return ExitCode.unavailable
    } catch {
        printError("Internal error: \(error)\nThis is a bug in ecs-triage; please report it with the input that caused it.\n")
        return ExitCode.internalError
    }
}

exit(run(Array(CommandLine.arguments.dropFirst())))
