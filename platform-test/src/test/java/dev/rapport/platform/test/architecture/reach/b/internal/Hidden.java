package dev.rapport.platform.test.architecture.reach.b.internal;

public class Hidden {

}
