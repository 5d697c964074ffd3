/**
 * The steps of an image build, in the order {@link dev.berth.imagebuilder.steps.StepsRunner} fixes: render the
 * Dockerfile (falling back to the offline base when the public one cannot be had), then build on the backend the
 * plan names. Depends on {@code .api}, {@code .plan}, {@code .dockerfile}, {@code .detect} and {@code .catalog}.
 */
package dev.berth.imagebuilder.steps;
