package io.jenkins.plugins.capi.jenkins.action;

import hudson.model.Action;
import hudson.model.Run;
import java.util.function.IntFunction;

/**
 * The place of one action among the actions of its kind on a run, for steps a build may call several times
 * (parallel branches, matrix cells, several freestyle steps): the first at its base URL and name, the n-th at
 * {@code <base>-n} and {@code <name> n}.
 */
final class ActionIndex {

    private ActionIndex() {}

    /**
     * Numbers and adds one more action of {@code type} to {@code run}. Parallel branches finish concurrently, so
     * numbering and adding happen under the run's lock.
     *
     * @param create the action with the given number, from 1
     */
    static <A extends Action> A attach(Run<?, ?> run, Class<A> type, IntFunction<A> create) {
        synchronized (run) {
            A action = create.apply(run.getActions(type).size() + 1);
            run.addAction(action);
            return action;
        }
    }

    static String urlName(String base, int index) {
        return index <= 1 ? base : base + "-" + index;
    }

    static String displayName(String name, int index) {
        return index <= 1 ? name : name + " " + index;
    }
}
