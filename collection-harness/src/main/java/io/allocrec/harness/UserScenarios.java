package io.allocrec.harness;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's own scenarios: classes named with {@code --scenario-class}, loaded from the jars and
 * folders of {@code --classpath} by a class loader whose parent is allocrec's, so that they see
 * {@link KeyValueScenario} and {@link KeyValueInputs}. A class implements {@link KeyValueScenario}
 * (one scenario) or {@link ScenarioProvider} (several) and has a public no-argument constructor.
 * Whatever keeps a class from giving scenarios is an {@link IllegalArgumentException} with a
 * one-line message.
 */
final class UserScenarios implements AutoCloseable {

    private final URLClassLoader loader;
    private final List<KeyValueScenario<?>> scenarios;

    private UserScenarios(URLClassLoader loader, List<KeyValueScenario<?>> scenarios) {
        this.loader = loader;
        this.scenarios = scenarios;
    }

    /**
     * Loads the classes and creates their scenarios.
     *
     * @param classPath  jars and folders, separated by the platform's path separator; may be empty
     *                   when the classes are on allocrec's own class path
     * @param classNames fully qualified class names
     */
    static UserScenarios load(String classPath, List<String> classNames) {
        URLClassLoader loader = new URLClassLoader("allocrec-user-scenarios", urls(classPath),
                UserScenarios.class.getClassLoader());
        try {
            List<KeyValueScenario<?>> scenarios = new ArrayList<>();
            for (String className : classNames) {
                scenarios.addAll(scenariosOf(loader, className.trim()));
            }
            return new UserScenarios(loader, List.copyOf(scenarios));
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(loader);
            throw e;
        }
    }

    List<KeyValueScenario<?>> scenarios() {
        return scenarios;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static URL[] urls(String classPath) {
        List<URL> urls = new ArrayList<>();
        if (classPath == null || classPath.isBlank()) {
            return new URL[0];
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
                throw new IllegalArgumentException("--classpath: no such jar or folder: " + entry);
            }
            try {
                urls.add(path.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath: cannot use " + entry + ": " + e.getMessage());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static List<KeyValueScenario<?>> scenariosOf(ClassLoader loader, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--scenario-class: no class " + className + " on --classpath");
        } catch (ExceptionInInitializerError e) {
            throw new IllegalArgumentException("--scenario-class: " + className + "'s static initialiser threw "
                    + ScenarioContract.oneLine(e.getCause()));
        } catch (LinkageError e) {
            throw new IllegalArgumentException("--scenario-class: cannot load " + className + ": "
                    + ScenarioContract.oneLine(e));
        }
        boolean single = KeyValueScenario.class.isAssignableFrom(type);
        if (!single && !ScenarioProvider.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--scenario-class: " + className + " implements neither "
                    + KeyValueScenario.class.getName() + " nor " + ScenarioProvider.class.getName());
        }
        Object instance = instantiate(type);
        if (single) {
            return List.of((KeyValueScenario<?>) instance);
        }
        List<KeyValueScenario<?>> provided;
        try {
            provided = ((ScenarioProvider) instance).scenarios();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("--scenario-class: " + className + ".scenarios() threw "
                    + ScenarioContract.oneLine(e));
        }
        if (provided == null || provided.isEmpty() || provided.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("--scenario-class: " + className + ".scenarios() gave no scenarios "
                    + "(or a null one)");
        }
        return List.copyOf(provided);
    }

    private static Object instantiate(Class<?> type) {
        String className = type.getName();
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("--scenario-class: " + className + " must be a public, "
                    + "non-abstract class with a public no-argument constructor");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("--scenario-class: " + className
                    + " has no public no-argument constructor");
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("--scenario-class: new " + className + "() threw "
                    + ScenarioContract.oneLine(e.getCause()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--scenario-class: cannot create " + className + ": "
                    + ScenarioContract.oneLine(e));
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Nothing was read through it that needs releasing.
        }
    }
}
