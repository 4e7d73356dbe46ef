package io.haprovision.lab.routeros;

import io.haprovision.lab.routeros.Ast.Arg;
import io.haprovision.lab.routeros.Ast.Binary;
import io.haprovision.lab.routeros.Ast.Block;
import io.haprovision.lab.routeros.Ast.Code;
import io.haprovision.lab.routeros.Ast.ContextChange;
import io.haprovision.lab.routeros.Ast.Expr;
import io.haprovision.lab.routeros.Ast.Ice;
import io.haprovision.lab.routeros.Ast.MenuCommand;
import io.haprovision.lab.routeros.Ast.Not;
import io.haprovision.lab.routeros.Ast.Pos;
import io.haprovision.lab.routeros.Ast.Stmt;
import io.haprovision.lab.routeros.Ast.Str;
import io.haprovision.lab.routeros.Ast.Sub;
import io.haprovision.lab.routeros.Ast.Var;
import io.haprovision.lab.routeros.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a whole RouterOS script against a dialect's schema. Menus, commands and argument
 * names are checked here, as RouterOS checks them before running anything: an unknown command
 * is {@code bad command name X (line L column C)}, an unknown argument
 * {@code expected end of command (line L column C)}, an unbalanced quote or bracket
 * {@code syntax error (line L column C)}. Values are checked when the command runs.
 */
final class ScriptParser {
  /** Scripting commands and the named arguments each accepts. */
  private static final Map<String, Set<String>> ICE = Map.ofEntries(
      Map.entry("put", Set.of()), Map.entry("log", Set.of()), Map.entry("local", Set.of()),
      Map.entry("global", Set.of()), Map.entry("set", Set.of()), Map.entry("delay", Set.of()),
      Map.entry("if", Set.of("do", "else")), Map.entry("while", Set.of("do")),
      Map.entry("do", Set.of("on-error", "while")), Map.entry("for", Set.of("from", "to", "step", "do")),
      Map.entry("foreach", Set.of("in", "do")), Map.entry("len", Set.of()), Map.entry("tostr", Set.of()),
      Map.entry("tonum", Set.of()), Map.entry("typeof", Set.of()), Map.entry("error", Set.of()),
      Map.entry("nothing", Set.of()), Map.entry("pick", Set.of()), Map.entry("toarray", Set.of()),
      Map.entry("return", Set.of()), Map.entry("tobool", Set.of()), Map.entry("execute", Set.of("file")),
      Map.entry("find", Set.of()));
  private static final Set<String> LOG_TOPICS = Set.of("info", "warning", "error", "debug");
  private static final Set<String> PRINT_FLAGS = Set.of("terse", "as-value", "detail", "without-paging", "count-only", "brief");

  private final String src;
  private final Schema schema;
  private final int[] lineStarts;
  private int i;
  private String context;
  /** Parentheses open around the current expression: inside them newlines do not end it. */
  private int parens;

  private ScriptParser(String src, Schema schema, String context) {
    this.src = src;
    this.schema = schema;
    this.context = context;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int k = 0; k < src.length(); k++) {
      if (src.charAt(k) == '\n') {
        starts.add(k + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Parses {@code script}; relative commands start in menu {@code context} ({@code /} for a fresh session). */
  static List<Stmt> parse(String script, Schema schema, String context) {
    ScriptParser parser = new ScriptParser(script.replace("\r\n", "\n").replace('\r', '\n'), schema, context);
    List<Stmt> body = parser.statements((char) 0);
    return body;
  }

  // ------------------------------------------------------------------ statements

  private List<Stmt> statements(char terminator) {
    List<Stmt> body = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (eof()) {
        if (terminator != 0) {
          throw syntax("syntax error", i);
        }
        return body;
      }
      char c = peek();
      if (c == terminator) {
        return body;
      }
      if (c == '#') {
        while (!eof() && peek() != '\n') {
          i++;
        }
        continue;
      }
      if (c == ']' || c == '}' || c == ')') {
        throw syntax("syntax error", i);
      }
      body.add(statement());
      skipBlanks();
      if (!eof() && peek() != ';' && peek() != '\n' && peek() != terminator && peek() != '#') {
        throw syntax("expected end of command", i);
      }
    }
  }

  private Stmt statement() {
    int start = i;
    char c = peek();
    if (c == '{') {
      i++;
      String saved = context;
      List<Stmt> body = statements('}');
      expect('}');
      context = saved;
      return new Block(src.substring(start, i), body);
    }
    if (c == ':') {
      return ice(start);
    }
    return menuCommand(start);
  }

  private Stmt menuCommand(int start) {
    String menu = context;
    boolean readAny = false;
    if (peek() == '/') {
      menu = "/";
      i++;
      readAny = true;
    }
    while (true) {
      skipBlanks();
      if (endOfCommand()) {
        if (!readAny) {
          throw syntax("syntax error", i);
        }
        context = menu;
        return new ContextChange(src.substring(start, i).strip(), menu);
      }
      int wordAt = i;
      String word = ident();
      if (word.isEmpty()) {
        throw syntax("syntax error", i);
      }
      if (!eof() && peek() == '/') {
        i++; // v7 also accepts /interface/vrrp/print
      }
      readAny = true;
      String candidate = menu.equals("/") ? "/" + word : menu + " " + word;
      if (word.equals("..")) {
        int cut = menu.lastIndexOf(' ');
        menu = cut < 0 ? "/" : menu.substring(0, cut);
        continue;
      }
      if (schema.isPath(candidate)) {
        menu = candidate;
        continue;
      }
      if (commands(menu).contains(word)) {
        return arguments(start, menu, word);
      }
      throw syntax("bad command name " + word, wordAt);
    }
  }

  /** The commands a menu offers. */
  private Set<String> commands(String menu) {
    if (menu.equals("/")) {
      return Set.of("export", "import");
    }
    switch (menu) {
      case "/system identity" -> {
        return Set.of("print", "set", "get", "export");
      }
      case "/system clock" -> {
        return Set.of("print", "set", "get", "export");
      }
      case "/system resource" -> {
        return Set.of("print", "get");
      }
      case "/interface" -> {
        return Set.of("print", "find", "get", "set", "enable", "disable", "export");
      }
      default -> { }
    }
    Menu list = schema.menu(menu);
    if (list == null) {
      return Set.of("export");
    }
    if (menu.equals(Schema.LOG)) {
      return Set.of("print", "find", "get"); // the log is written by :log, read here
    }
    List<String> words = new ArrayList<>(List.of("print", "find", "get", "set"));
    boolean v7Only = menu.equals(Schema.FILE) || menu.equals(Schema.SSH_KEYS);
    if (!list.builtIn() && (!v7Only || schema.dialect() == RouterOsDialect.V7)) {
      words.add("add"); // v6 has no /file add and no /user ssh-keys add (only import)
    }
    if (menu.equals(Schema.SSH_KEYS)) {
      words.add("import");
    }
    if (!list.builtIn()) {
      words.add("remove");
      words.add("unset");
    }
    if (list.disableable()) {
      words.add("enable");
      words.add("disable");
    }
    if (!Schema.NOT_EXPORTED.contains(menu)) {
      words.add("export");
    }
    if (menu.equals(Schema.SCRIPT)) {
      words.add("run");
    }
    return Set.copyOf(words);
  }

  private MenuCommand arguments(int start, String menu, String command) {
    Pos pos = pos(start);
    Set<String> named = namedArgs(menu, command);
    Set<String> flags = flags(command);
    boolean unnamed = Set.of("set", "unset", "remove", "enable", "disable", "get", "run").contains(command)
        || (command.equals("import") && menu.equals("/"))
        && !(command.equals("set") && Schema.SINGLETONS.contains(menu));
    List<Arg> args = new ArrayList<>();
    Expr[] where = {null};
    String saved = context;
    context = menu; // [find ...] inside the arguments runs in this command's menu
    try {
      arguments(named, args, (argAt, name) -> {
        if (name.equals("where") && (command.equals("print") || command.equals("find"))) {
          where[0] = condition();
          return true;
        }
        if (!name.isEmpty() && flags.contains(name)) {
          args.add(new Arg(pos(argAt), name, null));
          return true;
        }
        if (!unnamed) {
          throw syntax("expected end of command", argAt);
        }
        return false;
      });
    } finally {
      context = saved;
    }
    return new MenuCommand(pos, src.substring(start, i).strip(), menu, command, List.copyOf(args), where[0]);
  }

  /**
   * What a command does with an argument that is not {@code name=value}: {@code name} is the
   * word read at {@code argAt} (maybe empty). True when it consumed the argument; false to read
   * it as an unnamed value from {@code argAt}. May throw the command's syntax error.
   */
  private interface BareArgument {
    boolean take(int argAt, String name);
  }

  /**
   * Reads arguments up to the end of the command into {@code args}: {@code name=value} with
   * {@code name} one of {@code named} (else RouterOS's "expected end of command"), anything
   * else through {@code bare}.
   */
  private void arguments(Set<String> named, List<Arg> args, BareArgument bare) {
    while (true) {
      skipBlanks();
      if (endOfCommand()) {
        return;
      }
      int argAt = i;
      String name = argName();
      if (!name.isEmpty() && !eof() && peek() == '=') {
        if (!named.contains(name)) {
          throw syntax("expected end of command", argAt);
        }
        i++;
        args.add(new Arg(pos(argAt), name, value()));
        continue;
      }
      if (!bare.take(argAt, name)) {
        i = argAt;
        args.add(new Arg(pos(argAt), null, value()));
      }
    }
  }

  private Set<String> namedArgs(String menu, String command) {
    Menu list = schema.menu(menu);
    switch (command) {
      case "export" -> {
        return Set.of("file");
      }
      case "import" -> {
        return menu.equals(Schema.SSH_KEYS) ? Set.of("public-key-file", "user") : Set.of("file-name", "verbose");
      }
      case "print" -> {
        return Set.of("proplist", "file");
      }
      case "run", "remove", "unset", "enable", "disable", "get" -> {
        return Set.of();
      }
      default -> { }
    }
    if (menu.equals("/system identity")) {
      return Set.of("name");
    }
    if (menu.equals("/system clock")) {
      return Set.of("time", "date", "time-zone-name", "time-zone-autodetect");
    }
    if (menu.equals("/interface")) {
      return command.equals("find") ? Set.of("name", "type", "comment", "disabled", "running", "default-name")
          : Set.of("name", "comment", "disabled");
    }
    if (list == null) {
      return Set.of();
    }
    Set<String> names = new java.util.HashSet<>();
    if (command.equals("find")) {
      list.props().forEach(p -> names.add(p.name()));
      names.add(".id");
    } else if (menu.equals(Schema.FILE)) {
      return command.equals("add") ? Set.of("name", "contents") : Set.of("contents");
    } else {
      names.addAll(list.settable());
      if (menu.equals(Schema.ADDRESS) && command.equals("add")) {
        names.add("netmask"); // address=A netmask=M, stored as A/bits
      }
    }
    names.addAll(schema.aliases(menu));
    return Set.copyOf(names);
  }

  private Set<String> flags(String command) {
    return switch (command) {
      case "print" -> PRINT_FLAGS;
      case "export" -> schema.dialect() == RouterOsDialect.V6
          ? Set.of("terse", "compact", "verbose", "hide-sensitive")
          : Set.of("terse", "compact", "verbose", "show-sensitive");
      default -> Set.of();
    };
  }

  private Ice ice(int start) {
    i++; // ':'
    int wordAt = i;
    String command = ident();
    Set<String> named = ICE.get(command);
    if (named == null) {
      throw syntax("bad command name " + command, wordAt);
    }
    List<Arg> args = new ArrayList<>();
    if (command.equals("log")) {
      skipBlanks();
      int topicAt = i;
      String topic = ident();
      if (!LOG_TOPICS.contains(topic)) {
        throw syntax("bad command name " + topic, topicAt);
      }
      args.add(new Arg(pos(topicAt), null, new Word(topic)));
    }
    arguments(named, args, (argAt, name) -> false);
    return new Ice(pos(start), src.substring(start, i).strip(), command, List.copyOf(args));
  }

  // ------------------------------------------------------------------ values and expressions

  private Expr value() {
    if (eof()) {
      throw syntax("syntax error", i);
    }
    char c = peek();
    switch (c) {
      case '"' -> {
        return string();
      }
      case '[' -> {
        return substitution();
      }
      case '(' -> {
        i++;
        parens++;
        Expr e = or();
        skipSpace();
        expect(')');
        parens--;
        return e;
      }
      case '{' -> {
        i++;
        String saved = context;
        int savedParens = parens;
        parens = 0;
        List<Stmt> body = statements('}');
        expect('}');
        parens = savedParens;
        context = saved;
        return new Code(body);
      }
      case '$' -> {
        return variable();
      }
      default -> {
        int from = i;
        while (!eof() && !Character.isWhitespace(peek()) && ";[]{}()\"$".indexOf(peek()) < 0) {
          i++;
        }
        if (from == i) {
          throw syntax("syntax error", i);
        }
        return new Word(src.substring(from, i));
      }
    }
  }

  private Sub substitution() {
    i++; // '['
    skipSpace();
    String saved = context;
    int savedParens = parens;
    parens = 0;
    Stmt inner = statement();
    parens = savedParens;
    context = saved;
    skipSpace();
    expect(']');
    return new Sub(inner);
  }

  private Var variable() {
    i++; // '$'
    int from = i;
    while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      i++;
    }
    if (from == i) {
      throw syntax("syntax error", i);
    }
    return new Var(src.substring(from, i));
  }

  private Str string() {
    i++; // opening quote
    List<Object> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      if (eof()) {
        throw syntax("syntax error", i);
      }
      char c = src.charAt(i++);
      if (c == '"') {
        break;
      }
      if (c == '$' && !eof() && (Character.isLetterOrDigit(peek()) || peek() == '(' || peek() == '[')) {
        if (text.length() > 0) {
          parts.add(text.toString());
          text.setLength(0);
        }
        if (peek() == '[') {
          parts.add(substitution());
        } else if (peek() == '(') {
          i++;
          parens++;
          Expr e = or();
          parens--;
          skipSpace();
          expect(')');
          parts.add(e);
        } else {
          i--;
          parts.add(variable());
        }
        continue;
      }
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (eof()) {
        throw syntax("syntax error", i);
      }
      char e = src.charAt(i++);
      switch (e) {
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'a' -> text.append('\u0007');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'v' -> text.append('\u000B');
        case '_' -> text.append(' ');
        case '\n' -> {
          while (!eof() && (peek() == ' ' || peek() == '\t')) {
            i++; // a continued line inside quotes joins without its indentation
          }
        }
        default -> {
          if (isHex(e) && !eof() && isHex(peek())) {
            text.append((char) Integer.parseInt("" + e + src.charAt(i++), 16));
          } else {
            text.append(e);
          }
        }
      }
    }
    if (text.length() > 0 || parts.isEmpty()) {
      parts.add(text.toString());
    }
    return new Str(List.copyOf(parts));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }

  /** A {@code where} condition: up to the end of the command. */
  private Expr condition() {
    return or();
  }

  private Expr or() {
    Expr left = and();
    while (true) {
      exprSpace();
      if (take("||") || takeWord("or")) {
        left = new Binary("||", left, and());
      } else {
        return left;
      }
    }
  }

  private Expr and() {
    Expr left = comparison();
    while (true) {
      exprSpace();
      if (take("&&") || takeWord("and")) {
        left = new Binary("&&", left, comparison());
      } else {
        return left;
      }
    }
  }

  private Expr comparison() {
    Expr left = additive();
    exprSpace();
    for (String op : List.of("!=", "<=", ">=", "=", "<", ">", "~")) {
      if (take(op)) {
        return new Binary(op, left, additive());
      }
    }
    return left;
  }

  private Expr additive() {
    Expr left = unary();
    while (true) {
      exprSpace();
      int at = i;
      char c = eof() ? 0 : peek();
      if ((c == '+' || c == '-' || c == '.' || c == '*' || c == '/') && at + 1 < src.length()
          && Character.isWhitespace(src.charAt(at + 1))) {
        i++;
        left = new Binary(String.valueOf(c), left, unary());
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    exprSpace();
    if (eof()) {
      throw syntax("syntax error", i);
    }
    if (peek() == '!' && (i + 1 >= src.length() || src.charAt(i + 1) != '=')) {
      i++;
      return new Not(unary());
    }
    if (takeWord("not")) {
      return new Not(unary());
    }
    char c = peek();
    if (c == '"' || c == '[' || c == '(' || c == '$' || c == '{') {
      return value();
    }
    int from = i;
    while (!eof() && !Character.isWhitespace(peek()) && ";[]{}()\"$=!<>&|~".indexOf(peek()) < 0) {
      i++;
    }
    if (from == i) {
      throw syntax("syntax error", i);
    }
    return new Word(src.substring(from, i));
  }

  // ------------------------------------------------------------------ lexing helpers

  private boolean take(String token) {
    if (src.startsWith(token, i)) {
      i += token.length();
      return true;
    }
    return false;
  }

  private boolean takeWord(String word) {
    if (src.startsWith(word, i)) {
      int end = i + word.length();
      if (end >= src.length() || Character.isWhitespace(src.charAt(end)) || "([\"$!".indexOf(src.charAt(end)) >= 0) {
        i = end;
        return true;
      }
    }
    return false;
  }

  /** A menu or command word. */
  private String ident() {
    int from = i;
    while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '-' || peek() == '.' || peek() == '_')) {
      i++;
    }
    return src.substring(from, i);
  }

  /** A property name before {@code =}: letters, digits, {@code -} and {@code .}. */
  private String argName() {
    int from = i;
    while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '-' || peek() == '.')) {
      i++;
    }
    return src.substring(from, i);
  }

  private boolean endOfCommand() {
    return eof() || ";\n]})#".indexOf(peek()) >= 0;
  }

  /** Blanks within a command: spaces, tabs and backslash line continuations. */
  private void skipBlanks() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\\' && continuation()) {
        continue;
      } else {
        return;
      }
    }
  }

  /** Blanks inside an expression: newlines too, but only within parentheses. */
  private void exprSpace() {
    if (parens > 0) {
      skipSpace();
    } else {
      skipBlanks();
    }
  }

  /** Blanks inside brackets and parentheses, where newlines do not end anything. */
  private void skipSpace() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n') {
        i++;
      } else if (c == '\\' && continuation()) {
        continue;
      } else {
        return;
      }
    }
  }

  /** A backslash followed by blanks and a newline joins two lines; consumes it when present. */
  private boolean continuation() {
    int k = i + 1;
    while (k < src.length() && (src.charAt(k) == ' ' || src.charAt(k) == '\t')) {
      k++;
    }
    if (k < src.length() && src.charAt(k) == '\n') {
      i = k + 1;
      return true;
    }
    return false;
  }

  private void skipSeparators() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == ';') {
        i++;
      } else if (c == '\\' && continuation()) {
        continue;
      } else {
        return;
      }
    }
  }

  private void expect(char c) {
    if (eof() || peek() != c) {
      throw syntax("syntax error", i);
    }
    i++;
  }

  private boolean eof() {
    return i >= src.length();
  }

  private char peek() {
    return src.charAt(i);
  }

  private Pos pos(int offset) {
    int line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) {
      line++;
    }
    return new Pos(line + 1, offset - lineStarts[line] + 1);
  }

  private io.haprovision.error.TargetException syntax(String what, int offset) {
    Pos p = pos(Math.min(offset, src.length()));
    return RosError.syntax(what, p.line(), p.column());
  }
}
