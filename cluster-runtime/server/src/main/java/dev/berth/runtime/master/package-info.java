/**
 * The master's composition root ({@link dev.berth.runtime.master.MasterMain}), its configuration, and the inbox
 * that turns node messages into store writes and queued keys. Depends on {@code .master.*}, {@code .controller},
 * {@code .reconcile} and {@code .store}.
 */
package dev.berth.runtime.master;
