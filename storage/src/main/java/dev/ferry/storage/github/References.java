package dev.ferry.storage.github;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** The reference a github block names, found among a repository's references as {@code git clone -b} finds it. */
final class References {
  private static final int BRANCHES_LISTED = 10;

  private References() {}

  /**
   * The full name of the branch or tag {@code reference} names among {@code refs} (a branch first),
   * or, for "", of the remote's default branch.
   */
  static String resolve(Map<String, Ref> refs, String reference) throws GitProblem {
    if (refs.keySet().stream().noneMatch(name -> name.startsWith(Constants.R_REFS))) {
      throw new GitProblem("the repository is empty (no branch, no tag)", "push the code to it with git");
    }
    if (reference.isEmpty()) {
      return defaultBranch(refs);
    }
    for (String name : List.of(reference, Constants.R_HEADS + reference, Constants.R_TAGS + reference)) {
      if (name.startsWith(Constants.R_REFS) && refs.containsKey(name)) {
        return name;
      }
    }
    throw new GitProblem("reference '" + reference + "' is neither a branch nor a tag of the repository (branches: "
        + branches(refs) + ")", "set the block's field 'reference' to an existing branch or tag, or push '"
        + reference + "' to the repository");
  }

  /** The branch the remote's HEAD names, or, from a server that does not say, the first branch HEAD's commit is on. */
  private static String defaultBranch(Map<String, Ref> refs) throws GitProblem {
    Ref head = refs.get(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      return head.getTarget().getName();
    }
    if (head != null && head.getObjectId() != null) {
      for (Ref ref : new TreeMap<>(refs).values()) {
        if (ref.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(ref.getObjectId())) {
          return ref.getName();
        }
      }
    }
    throw new GitProblem("the repository has no default branch (its HEAD names no branch; branches: "
        + branches(refs) + ")", "set the block's field 'reference' to the branch or tag to run");
  }

  /** A few branch names, for a message. */
  private static String branches(Map<String, Ref> refs) {
    List<String> names = refs.keySet().stream().filter(name -> name.startsWith(Constants.R_HEADS))
        .map(Repository::shortenRefName).sorted().toList();
    if (names.isEmpty()) {
      return "none yet";
    }
    String listed = names.stream().limit(BRANCHES_LISTED).collect(Collectors.joining(", "));
    return names.size() > BRANCHES_LISTED ? listed + " and " + (names.size() - BRANCHES_LISTED) + " more" : listed;
  }
}
