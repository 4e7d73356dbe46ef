package io.haprovision.lab.routeros;

import java.util.List;

/**
 * The parsed form of a RouterOS script. A script is parsed completely before anything runs,
 * so that a syntax error anywhere runs nothing (as RouterOS does).
 */
final class Ast {
  private Ast() {}

  /** A position in the script, 1-based, as RouterOS reports it. */
  record Pos(int line, int column) {}

  /** A statement: something that runs. */
  sealed interface Stmt permits MenuCommand, Ice, Block, ContextChange {
    /** The statement's source text, for the command log and session-drop injection. */
    String text();
  }

  /**
   * A menu command: {@code /interface vrrp set [find name=X] priority=150}.
   *
   * @param menu    the absolute menu path ({@code /} for root commands like export and import)
   * @param command the command word
   * @param args    named arguments, flags and unnamed values in order
   * @param where   the {@code where} condition of print/find, or null
   */
  record MenuCommand(Pos pos, String text, String menu, String command, List<Arg> args, Expr where) implements Stmt {}

  /** A scripting command ({@code :put}, {@code :if}, ...). */
  record Ice(Pos pos, String text, String command, List<Arg> args) implements Stmt {}

  /** Statements in braces at statement level. */
  record Block(String text, List<Stmt> body) implements Stmt {}

  /** A bare menu path: later relative commands of the script run in it. */
  record ContextChange(String text, String menu) implements Stmt {}

  /**
   * One argument.
   *
   * @param name  the argument name, or null for an unnamed value
   * @param value the value, or null for a flag such as {@code terse}
   */
  record Arg(Pos pos, String name, Expr value) {}

  /** A value or expression. */
  sealed interface Expr permits Word, Str, Var, Sub, Code, Binary, Not {}

  /** An unquoted word: a number, {@code true}, a name, an address, or a property name in a where condition. */
  record Word(String text) implements Expr {}

  /** A quoted string; parts are literal {@code String}s and interpolated {@link Expr}s. */
  record Str(List<Object> parts) implements Expr {}

  /** {@code $name}. */
  record Var(String name) implements Expr {}

  /** {@code [command]}: the command's return value. */
  record Sub(Stmt command) implements Expr {}

  /** {@code {statements}} as a value ({@code do={...}}). */
  record Code(List<Stmt> body) implements Expr {}

  /** A binary operation. */
  record Binary(String op, Expr left, Expr right) implements Expr {}

  /** {@code !x} or {@code not x}. */
  record Not(Expr operand) implements Expr {}
}
