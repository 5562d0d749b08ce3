package dev.migralint.cli;
public class Main { public static void main(String[] a) {} }
