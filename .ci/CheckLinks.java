import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every relative link in the given Markdown files must name a file of the repository, and every
 * #anchor a heading of its file (GitHub's slugs). Run with: java .ci/CheckLinks.java README.md docs/*.md
 * Prints each broken link and exits 1; a link to a web address is not followed.
 */
public class CheckLinks {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```");

    public static void main(String[] args) throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (String arg : args) {
            Path file = Path.of(arg).toAbsolutePath().normalize();
            List<String> lines = Files.readAllLines(file);
            boolean code = false;
            for (int i = 0; i < lines.size(); i++) {
                if (FENCE.matcher(lines.get(i)).find()) {
                    code = !code;
                    continue;
                }
                if (code) {
                    continue;
                }
                Matcher link = LINK.matcher(lines.get(i));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    String where = arg + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(resolved)) {
                        broken.add(where + " (no such file)");
                    } else if (hash >= 0 && !anchors.computeIfAbsent(resolved, CheckLinks::anchorsOf)
                            .contains(target.substring(hash + 1))) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        broken.forEach(System.out::println);
        System.out.println(args.length + " files, " + broken.size() + " broken links");
        System.exit(broken.isEmpty() ? 0 : 1);
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchorsOf(Path file) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            boolean code = false;
            for (String line : Files.readAllLines(file)) {
                if (FENCE.matcher(line).find()) {
                    code = !code;
                }
                Matcher heading = HEADING.matcher(line);
                if (code || !heading.matches()) {
                    continue;
                }
                String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        } catch (IOException e) {
            // not Markdown we can read: no anchors
        }
        return anchors;
    }
}
