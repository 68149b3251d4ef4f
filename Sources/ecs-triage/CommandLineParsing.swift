// Commands declare their options in one table each; parsing, the usage
// line and the help text are all generated from it (swift-argument-parser's
// manners, without the dependency).

/// A subcommand of `ecs-triage`: its settings are the struct's properties,
/// filled by its option table, then `run` acts on them.
protocol Command: Sendable {
    static var name: String { get }
    /// One line, for the help of `ecs-triage` and the OVERVIEW of the command's.
    static var abstract: String { get }
    /// Paragraphs after the overview.
    static var discussion: String { get }
    static var arguments: Arguments<Self>? { get }
    static var options: [Option<Self>] { get }
    /// Sections after OPTIONS, e.g. EXIT STATUS, already formatted.
    static var epilogue: String { get }
    init()
    func run() throws -> Int32
}

extension Command {
    static var discussion: String { "" }
    static var arguments: Arguments<Self>? { nil }
    static var epilogue: String { "" }
}

/// A wrong command line: printed as `Error: <message>`, the usage line and
/// where to find help, with exit status 64.
struct UsageError: Error {
    var message: String
    /// The command it belongs to; nil for the top level.
    var command: (any Command.Type)?

    init(_ message: String, command: (any Command.Type)? = nil) {
        self.message = message
        self.command = command
    }
}

/// One option of a command: its names, the value it takes (none for a
/// flag), its help, and what it does to the command's settings.
struct Option<Settings>: Sendable {
    /// `-o`, `--output`: the long name last, which usage and messages show.
    var names: [String]
    /// The value's name in usage and help (`<format>`); nil for a flag, which refuses values.
    var valueName: String?
    /// Several values, each with its own option (`--service a --service b`).
    var isRepeatable: Bool
    /// The command cannot run without it.
    var isRequired = false
    /// Wrapped to the help's width; a newline in it starts a new line.
    var help: String
    var apply: @Sendable (inout Settings, String) throws -> Void

    /// A flag: `--redact`; `--redact=no` is a usage error.
    static func flag(_ names: String..., help: String, _ apply: @escaping @Sendable (inout Settings) -> Void) -> Option {
        Option(names: names, valueName: nil, isRepeatable: false, help: help) { settings, _ in apply(&settings) }
    }

    /// An option with a value: `--format json` or `--format=json`.
    static func option(_ names: String..., value: String, repeatable: Bool = false, required: Bool = false, help: String,
                       _ apply: @escaping @Sendable (inout Settings, String) throws -> Void) -> Option {
        Option(names: names, valueName: value, isRepeatable: repeatable, isRequired: required, help: help, apply: apply)
    }

    /// An option whose value is one of an enumeration's cases.
    static func choice<Value: CaseIterable & RawRepresentable<String> & Sendable>(
        _ names: String..., value: String, help: String, _ keyPath: WritableKeyPath<Settings, Value> & Sendable
    ) -> Option {
        let values = listed(Value.allCases.map(\.rawValue), or: true)
        return Option(names: names, valueName: value, isRepeatable: false, help: help) { settings, text in
            guard let parsed = Value(rawValue: text.lowercased()) else {
                throw UsageError("the value '\(text)' is invalid for '\(names.last!)': use \(values)")
            }
            settings[keyPath: keyPath] = parsed
        }
    }

    var isFlag: Bool { valueName == nil }

    /// `--format <format>`, as usage shows it.
    var synopsis: String {
        let name = names.last!
        let synopsis = (valueName.map { "\(name) <\($0)>" } ?? name) + (isRepeatable ? " ..." : "")
        return isRequired ? synopsis : "[\(synopsis)]"
    }

    /// `-o, --output <file>`, as help shows it.
    var label: String {
        names.joined(separator: ", ") + (valueName.map { " <\($0)>" } ?? "")
    }
}

/// The positional arguments of a command: one (`explain <rule-id>`) or any
/// number (`analyze [<file> ...]`).
struct Arguments<Settings>: Sendable {
    var valueName: String
    var isRepeatable: Bool
    var help: String
    var apply: @Sendable (inout Settings, String) throws -> Void

    /// One argument, required.
    static func single(_ valueName: String, help: String, _ apply: @escaping @Sendable (inout Settings, String) throws -> Void) -> Arguments {
        Arguments(valueName: valueName, isRepeatable: false, help: help, apply: apply)
    }

    /// Any number of arguments, none included.
    static func list(_ valueName: String, help: String, _ apply: @escaping @Sendable (inout Settings, String) throws -> Void) -> Arguments {
        Arguments(valueName: valueName, isRepeatable: true, help: help, apply: apply)
    }

    var synopsis: String { isRepeatable ? "[<\(valueName)> ...]" : "<\(valueName)>" }
}

/// `a, b or c` (or `a, b and c`).
func listed(_ items: [String], or: Bool) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
}

enum CommandLineParser {
    /// What a command line asked for.
    enum Request<Settings> {
        case run(Settings)
        case help
    }

    static let helpNames: Set<String> = ["-h", "--help"]

    /// Parses the arguments after the command's name. `-h`/`--help` before
    /// `--` wins over everything else; `--` ends the options.
    static func parse<C: Command>(_ arguments: [String], as command: C.Type) throws -> Request<C> {
        let beforeTerminator = arguments.prefix { $0 != "--" }
        if beforeTerminator.contains(where: helpNames.contains) { return .help }
        do {
            return .run(try settings(arguments, command))
        } catch var error as UsageError {
            error.command = command
            throw error
        }
    }

    private static func settings<C: Command>(_ arguments: [String], _ command: C.Type) throws -> C {
        var settings = C()
        var index = 0
        var optionsEnded = false
        var positionalCount = 0
        var given = Set<String>()
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                guard let positional = C.arguments, positional.isRepeatable || positionalCount == 0 else {
                    throw UsageError("unexpected argument '\(argument)'")
                }
                try positional.apply(&settings, argument)
                positionalCount += 1
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            guard let option = C.options.first(where: { $0.names.contains(name) }) else {
                throw UsageError("unknown option '\(name)'")
            }
            given.insert(option.names.last!)
            if option.isFlag {
                if let attached { throw UsageError("the flag '\(name)' takes no value, but '\(attached)' was given") }
                try option.apply(&settings, "")
                continue
            }
            if let attached {
                try option.apply(&settings, attached)
                continue
            }
            // The next argument is the value unless it is another option;
            // `-` (standard input or output) and `-1` (a wrong number, said as such) are values.
            guard index < arguments.count, !isOptionName(arguments[index], of: C.self) else {
                throw UsageError("missing value for '\(name) <\(option.valueName!)>'")
            }
            try option.apply(&settings, arguments[index])
            index += 1
        }
        if let missing = C.options.first(where: { $0.isRequired && !given.contains($0.names.last!) }) {
            throw UsageError("missing expected argument '\(missing.synopsis)'")
        }
        if let positional = C.arguments, !positional.isRepeatable, positionalCount == 0 {
            throw UsageError("missing expected argument '\(positional.synopsis)'")
        }
        return settings
    }

    private static func isOptionName<C: Command>(_ argument: String, of command: C.Type) -> Bool {
        argument.hasPrefix("--") || helpNames.contains(argument) || C.options.contains { $0.names.contains(argument) }
    }
}

/// Usage lines and help texts, generated from the option tables.
enum HelpText {
    static let tool = "ecs-triage"
    /// Beyond this many options the usage line says `[<options>]`, as swift-argument-parser does.
    static let maximumOptionsInUsage = 12
    static let labelWidth = 26
    /// Help is wrapped to a terminal's classic width, whatever the terminal: the same bytes everywhere.
    static let width = 80

    static func usage<C: Command>(_ command: C.Type) -> String {
        var parts = ["\(tool) \(C.name)"]
        if C.options.count > maximumOptionsInUsage {
            parts.append("[<options>]")
        } else {
            parts += C.options.map(\.synopsis)
        }
        if let arguments = C.arguments { parts.append(arguments.synopsis) }
        return parts.joined(separator: " ")
    }

    static func help<C: Command>(_ command: C.Type) -> String {
        var text = wrapped("OVERVIEW: \(C.abstract)", width: width).joined(separator: "\n") + "\n"
        if !C.discussion.isEmpty { text += "\n\(C.discussion)\n" }
        text += "\nUSAGE: \(usage(command))\n"
        if let arguments = C.arguments {
            text += "\nARGUMENTS:\n" + row("<\(arguments.valueName)>", arguments.help)
        }
        text += "\nOPTIONS:\n"
        for option in C.options { text += row(option.label, option.help) }
        text += row("-h, --help", "Show help information.")
        if !C.epilogue.isEmpty { text += "\n\(C.epilogue)\n" }
        return text + "\n"
    }

    /// The top level: the commands and `--version`.
    static func mainHelp(_ commands: [any Command.Type]) -> String {
        var text = """
            OVERVIEW: Tell why an Amazon ECS task or service is failing, and how to fix it.

            USAGE: \(mainUsage)

            OPTIONS:

            """
        text += row("--version", "Show the version.")
        text += row("-h, --help", "Show help information.")
        text += "\nCOMMANDS:\n"
        for command in commands { text += row(command.name, command.abstract) }
        text += row("help", "Show help for a command.")
        text += """

              See '\(tool) help <command>' for detailed help.

            EXAMPLES:
              aws ecs describe-tasks --cluster prod --tasks 0f3c... | \(tool) analyze
              \(tool) analyze tasks.json subnets.json route-tables.json --format json
              echo 'CannotPullContainerError: ...' | \(tool) analyze
              \(tool) collect --cluster prod --service web -o web.json
              \(tool) analyze --cluster prod --service web --format markdown


            """
        return text
    }

    static let mainUsage = "\(tool) <command> [<options>]"

    /// `  label                   help`, the help wrapped in its column; a
    /// label too long for its column gets a line of its own.
    static func row(_ label: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: labelWidth)
        let lines = wrapped(help, width: width - labelWidth)
        let padded = "  " + label
        var text = padded.count < labelWidth ? padded + String(repeating: " ", count: labelWidth - padded.count) + lines[0] + "\n"
                                              : padded + "\n" + indent + lines[0] + "\n"
        for line in lines.dropFirst() { text += indent + line + "\n" }
        return text
    }

    /// Lines of at most `width` characters, broken between words; a word
    /// longer than the width stands alone. A newline in `text` starts a new line.
    static func wrapped(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph -> [String] in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            return lines + [line]
        }
    }

    /// What a usage error prints on standard error.
    static func usageError(_ error: UsageError) -> String {
        guard let command = error.command else {
            return "Error: \(error.message)\nUsage: \(mainUsage)\n  See '\(tool) --help' for more information.\n"
        }
        return "Error: \(error.message)\nUsage: \(usage(command))\n  See '\(tool) \(command.name) --help' for more information.\n"
    }
}
