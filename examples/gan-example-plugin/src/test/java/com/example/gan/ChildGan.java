package com.example.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The {@code gan} command in child JVMs, as {@code ./gan} runs it, whose class path is this test
 * class path without this module's classes: the example plugin reaches gan4j only as a jar in a
 * plugin folder, as it would from a third party.
 */
final class ChildGan {

    /** The plugin jar's name in a folder. */
    static final String JAR = "gan-example-plugin.jar";

    /** What a command did. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path tmp;
    private final Path classes;
    private final List<String> classPath = new ArrayList<>();

    /**
     * Works out the child's class path.
     *
     * @param tmp where to put the commands' output
     */
    ChildGan(Path tmp) {
        this.tmp = tmp;
        this.classes = Path.of(System.getProperty("example.classes"));
        Path testClasses = Path.of(System.getProperty("example.test-classes"));
        assertTrue(Files.isRegularFile(classes.resolve("com/example/gan/SnakeMlp.class")), "compiled: " + classes);
        // gan4j, its plugins and the engine, but not this module's classes.
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (!p.equals(classes.toAbsolutePath().normalize()) && !p.equals(testClasses.toAbsolutePath().normalize())) {
                classPath.add(entry);
            }
        }
        assertEquals(2, System.getProperty("java.class.path").split(File.pathSeparator).length - classPath.size(),
                "this module's classes and test classes are left out of the child's class path");
    }

    /**
     * A plugin folder holding the example's jar, built from this module's classes.
     *
     * @param name the folder's name under the temporary folder
     * @return the folder
     */
    Path pluginFolder(String name) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(name));
        jar(classes, folder.resolve(JAR));
        return folder;
    }

    /** A jar of a classes folder, as maven-jar-plugin makes it. */
    static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }

    static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().putValue("Manifest-Version", "1.0");
        return m;
    }

    /**
     * Starts {@code gan ARGS} in a child JVM.
     *
     * @param jvmFlags extra JVM flags, e.g. system properties
     * @param env extra environment variables
     * @param out where its standard output goes
     * @param err where its standard error goes
     * @param args the command's arguments
     * @return the process
     */
    Process start(List<String> jvmFlags, Map<String, String> env, Path out, Path err, List<String> args)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:off",
                "-Doffline=true", "-DOPT_OUT_TRACKING=true", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "org.gan4j.cli.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GAN4J_PLUGINS");
        pb.environment().putAll(Map.of("OMP_NUM_THREADS", "1", "DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true"));
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return pb.start();
    }

    /** Runs {@code gan ARGS} in a child JVM to its end, with extra environment variables. */
    Result run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = start(List.of(), env, out, err, List.of(args));
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gan " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Runs {@code gan ARGS} in a child JVM to its end. */
    Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }
}
