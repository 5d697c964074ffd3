/** App facts recorded as image labels; depends on the JDK only. */
package dev.berth.runtime.api.facts;
