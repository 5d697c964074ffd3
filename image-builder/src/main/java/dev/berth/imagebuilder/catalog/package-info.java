/** The base-image catalog read from dockerfile-templates/base-images.yaml; JDK, Jackson and .api only. */
package dev.berth.imagebuilder.catalog;
