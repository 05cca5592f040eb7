package org.gan4j.core.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars for tests: Java sources compiled now, against the test's class path, so that
 * their classes are nowhere on it and reach gan4j only through a plugin folder.
 */
public final class TestPluginJars {

    private TestPluginJars() {}

    /**
     * Compiles sources and writes them as a jar with services files.
     *
     * @param jar the jar to write
     * @param sources Java sources by fully qualified class name
     * @param services services files: interface name to the lines of its file
     * @param leaveOut classes compiled but left out of the jar (to make them missing at run time)
     * @return the jar
     * @throws IOException if a file cannot be written
     */
    public static Path compile(Path jar, Map<String, String> sources, Map<String, List<String>> services,
            Set<String> leaveOut) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "src-");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "--release", "17", "-proc:none", "-d", classes.toString()));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = work.resolve("src").resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        if (javac.run(null, log, log, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed: " + log.toString(StandardCharsets.UTF_8));
        }
        try (JarOutputStream out = open(jar); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(f).toString().replace('\\', '/');
                String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                if (!leaveOut.contains(className)) {
                    put(out, entry, Files.readAllBytes(f));
                }
            }
            writeServices(out, services);
        }
        return jar;
    }

    /**
     * Writes a jar that holds services files and no classes.
     *
     * @param jar the jar to write
     * @param services services files: interface name to the lines of its file
     * @return the jar
     * @throws IOException if it cannot be written
     */
    public static Path servicesOnly(Path jar, Map<String, List<String>> services) throws IOException {
        try (JarOutputStream out = open(jar)) {
            writeServices(out, services);
        }
        return jar;
    }

    /**
     * Rewrites a jar so that one class's class file claims another Java version, as if compiled
     * for it.
     *
     * @param jar the jar, rewritten in place
     * @param className the class, e.g. {@code test.plugins.Newer}
     * @param major the class file's major version, e.g. 65 for Java 21
     * @throws IOException if the jar cannot be read or written
     */
    public static void setClassFileVersion(Path jar, String className, int major) throws IOException {
        String target = className.replace('.', '/') + ".class";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        byte[] bytes = entries.get(target);
        bytes[6] = (byte) (major >> 8);
        bytes[7] = (byte) major;
        try (JarOutputStream out = open(jar)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
    }

    private static JarOutputStream open(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        return new JarOutputStream(Files.newOutputStream(jar), manifest);
    }

    private static void writeServices(JarOutputStream out, Map<String, List<String>> services) throws IOException {
        for (Map.Entry<String, List<String>> s : services.entrySet()) {
            put(out, "META-INF/services/" + s.getKey(),
                    (String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
