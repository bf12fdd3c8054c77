package dev.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tributary} command: online multi-task learning on Kafka. Subcommands run the application
 * and the demo, evaluate a topology offline, benchmark the model, and watch and report on the
 * monitoring topics; see {@code tributary help}.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "Online multi-task learning on Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, TopicsCommand.class, ProduceCommand.class,
                EvaluateCommand.class, BenchCommand.class, WatchCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Tributary implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Tributary());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
