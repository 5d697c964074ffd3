/** Build jobs on the Berth cluster: the request a client submits, the job's status and its log. */
package dev.berth.runtime.api.build;
