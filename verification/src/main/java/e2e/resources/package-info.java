/**
 * Programs that hold resources across a checkpoint: CRaC resources, open files, sockets, JFR
 * events, transient fields. Unlike the other e2e programs some of them take a path argument (the
 * file they use), and the tests check the files as well as stdout.
 */
package e2e.resources;
