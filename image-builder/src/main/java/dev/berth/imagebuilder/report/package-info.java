/**
 * The detect report as people and machines read it: {@code detect-report.json} (schema {@code berth.detect/v1})
 * and the human and error text of DETECTION.md §2.9. Depends on {@code .api} and Jackson.
 */
package dev.berth.imagebuilder.report;
