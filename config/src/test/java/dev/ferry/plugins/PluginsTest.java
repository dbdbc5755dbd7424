package dev.ferry.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
  @TempDir Path dir;

  @Test
  void aClassOffTheClassPathLoadsFromItsPluginJarThroughALoaderOfItsOwn() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("plugins"));
    jar(folder.resolve("greeting.jar"), "package greeting;"
        + " public class Hello implements java.util.function.Supplier<String> {"
        + "   public String get() { return \"hello from \" + getClass().getClassLoader().getName(); } }");
    Plugins plugins = new Plugins(folder);

    @SuppressWarnings("unchecked")
    Supplier<String> hello = plugins.instance("greeting", "greeting.Hello", Supplier.class);

    assertThat(hello.get()).isEqualTo("hello from greeting");
    assertThat(plugins.instance("greeting", "greeting.Hello", Supplier.class).getClass()).isSameAs(hello.getClass());
  }

  @Test
  void aClassOnTheClassPathIsUsedFromThereWithoutAPluginJar() {
    Plugins plugins = new Plugins(dir.resolve("nothing-here"));

    assertThat(plugins.instance("core", "java.util.ArrayList", List.class)).isEmpty();
  }

  @Test
  void aMissingPluginJarIsNamedWithTheFix() {
    Plugins plugins = new Plugins(dir.resolve("plugins"));

    assertThatThrownBy(() -> plugins.instance("ferry-storage-s3", "dev.ferry.storage.s3.Missing", Runnable.class))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("ferry's plugin ferry-storage-s3 is missing")
        .hasMessageContaining(dir.resolve("plugins/ferry-storage-s3.jar").toString())
        .hasMessageContaining("install ferry with its plugins folder");
  }

  /** A jar at {@code jar} holding the one class {@code source} declares, compiled here. */
  private void jar(Path jar, String source) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/greeting"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.writeString(sources.resolve("Hello.java"), source);
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        sources.resolve("Hello.java").toString());
    assertThat(status).as("javac").isZero();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("greeting/Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("greeting/Hello.class")));
      out.closeEntry();
    }
  }
}
