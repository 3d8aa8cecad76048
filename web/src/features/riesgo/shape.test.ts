import { describe, expect, it } from 'vitest';
import { chartOption } from '../../components/charts/options';
import { formatterFor } from '../../components/charts/spec';
import { semesterSpec } from './shape';

describe('semesterSpec', () => {
  it('draws rojo red, amarillo amber and verde green (finding 2: rojo was blue, amarillo red)', () => {
    const spec = semesterSpec(
      [
        { semester: 1, rojo: 3, amarillo: 5, verde: 20 },
        { semester: 3, rojo: 1, amarillo: 2, verde: 9 },
      ],
      { title: 'T', semester: 'Semestre', students: 'Estudiantes', band: (f) => f },
    );
    const option = chartOption(spec, formatterFor(spec.format, 'es')) as {
      series: { name: string; data: { itemStyle: { color: string } }[] }[];
    };
    const colorOf = (name: string) => option.series.find((s) => s.name === name)?.data[0]?.itemStyle.color;
    expect(colorOf('rojo')).toBe('#b3261e');
    expect(colorOf('amarillo')).toBe('#b86e00');
    expect(colorOf('verde')).toBe('#1b7a3d');
  });
});
