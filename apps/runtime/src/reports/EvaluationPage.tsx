export default function EvaluationPage() {
  return null;
}
